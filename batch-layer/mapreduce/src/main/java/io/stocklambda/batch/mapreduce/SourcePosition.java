package io.stocklambda.batch.mapreduce;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.Writable;

/**
 * Where a line of the master dataset comes from, the input key of {@link TicksMapper}: its file,
 * its byte offset, whether it is the file's first non-blank line, the file's first non-blank line
 * itself (a header, or the first data line of a headerless file: it gives the layout even to a
 * split that starts mid-file) and the file's rank among sources of the same fact (the negated
 * modification time: newer first). One object per reader, updated per line.
 */
public final class SourcePosition implements Writable {

  private String file = "";
  private String firstLine;
  private long rank;
  private long offset;
  private boolean firstOfFile;

  public SourcePosition() {}

  public SourcePosition(
      String file, String firstLine, long rank, long offset, boolean firstOfFile) {
    setFile(file, firstLine, rank);
    at(offset, firstOfFile);
  }

  void setFile(String file, String firstLine, long rank) {
    this.file = file;
    this.firstLine = firstLine;
    this.rank = rank;
  }

  void at(long offset, boolean firstOfFile) {
    this.offset = offset;
    this.firstOfFile = firstOfFile;
  }

  /** The file's path, as a URI string. */
  public String file() {
    return file;
  }

  /** The file's first non-blank line, or null if it has none. */
  public String firstLine() {
    return firstLine;
  }

  public long rank() {
    return rank;
  }

  public long offset() {
    return offset;
  }

  /** Whether this line is the file's first non-blank line, the only one that may be a header. */
  public boolean firstOfFile() {
    return firstOfFile;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeUTF(file);
    out.writeBoolean(firstLine != null);
    if (firstLine != null) {
      out.writeUTF(firstLine);
    }
    out.writeLong(rank);
    out.writeLong(offset);
    out.writeBoolean(firstOfFile);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    file = in.readUTF();
    firstLine = in.readBoolean() ? in.readUTF() : null;
    rank = in.readLong();
    offset = in.readLong();
    firstOfFile = in.readBoolean();
  }

  @Override
  public String toString() {
    return file + "@" + offset;
  }
}
