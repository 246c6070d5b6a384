package io.stocklambda.core.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a file line by line through one fixed-size block, so its memory does not depend on the
 * file's size.
 *
 * <p>With {@code keepOpen == false} the file is opened for each block and closed right after,
 * remembering only the byte offset: a merge of thousands of files then holds one block per file and
 * never more than one open descriptor. Follows the {@link LineEndings} contract (LF and CRLF end a
 * line, a lone CR does not, a byte order mark at the start is dropped, the last line needs no line
 * end) and reads lines longer than the block (the block grows to fit).
 */
final class LineReader implements Closeable {

  private final Path path;
  private final boolean keepOpen;
  private byte[] buffer;
  private int position;
  private int limit;
  private long fileOffset;
  private boolean endOfFile;
  private long lineNumber;
  private FileChannel channel;

  LineReader(Path path, int blockSize, boolean keepOpen) {
    if (blockSize < 64) {
      throw new IllegalArgumentException("block size too small: " + blockSize);
    }
    this.path = path;
    this.keepOpen = keepOpen;
    this.buffer = new byte[blockSize];
  }

  /** The next line without its terminator, or {@code null} at the end of the file. */
  String next() {
    while (true) {
      for (int i = position; i < limit; i++) {
        if (buffer[i] == '\n') {
          String line = decode(position, i);
          position = i + 1;
          lineNumber++;
          return line;
        }
      }
      if (endOfFile) {
        if (position < limit) {
          String line = decode(position, limit);
          position = limit;
          lineNumber++;
          return line;
        }
        return null;
      }
      refill();
    }
  }

  /** 1-based number of the line last returned by {@link #next()}. */
  long lineNumber() {
    return lineNumber;
  }

  Path path() {
    return path;
  }

  private String decode(int from, int to) {
    if (lineNumber == 0
        && to - from >= 3
        && buffer[from] == (byte) 0xEF
        && buffer[from + 1] == (byte) 0xBB
        && buffer[from + 2] == (byte) 0xBF) {
      from += 3; // the UTF-8 byte order mark
    }
    int end = to > from && buffer[to - 1] == '\r' ? to - 1 : to;
    return new String(buffer, from, end - from, StandardCharsets.UTF_8);
  }

  private void refill() {
    int remaining = limit - position;
    if (remaining == buffer.length) {
      byte[] larger = new byte[buffer.length * 2];
      System.arraycopy(buffer, position, larger, 0, remaining);
      buffer = larger;
    } else if (position > 0) {
      System.arraycopy(buffer, position, buffer, 0, remaining);
    }
    position = 0;
    limit = remaining;
    try {
      FileChannel ch = channel();
      ByteBuffer target = ByteBuffer.wrap(buffer, limit, buffer.length - limit);
      int read = ch.read(target, fileOffset);
      if (read < 0) {
        endOfFile = true;
      } else {
        fileOffset += read;
        limit += read;
        if (fileOffset >= ch.size()) {
          endOfFile = true;
        }
      }
      if (!keepOpen || endOfFile) {
        closeChannel();
      }
    } catch (IOException e) {
      closeQuietly();
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  private FileChannel channel() throws IOException {
    if (channel == null) {
      channel = FileChannel.open(path, StandardOpenOption.READ);
    }
    return channel;
  }

  private void closeChannel() throws IOException {
    if (channel != null) {
      FileChannel ch = channel;
      channel = null;
      ch.close();
    }
  }

  private void closeQuietly() {
    try {
      closeChannel();
    } catch (IOException ignored) {
      // the read error is the one worth reporting
    }
  }

  @Override
  public void close() {
    endOfFile = true;
    position = limit;
    buffer = new byte[0];
    closeQuietly();
  }
}
