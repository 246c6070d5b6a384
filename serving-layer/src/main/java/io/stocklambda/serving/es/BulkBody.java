package io.stocklambda.serving.es;

import java.io.ByteArrayOutputStream;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;

/**
 * The NDJSON body of one {@code _bulk} request, written in place: a document's closing brace can be
 * taken back to append fields ({@link PredictionDocument#writeTo}), and the request's entity wraps
 * the buffer without copying it. Not thread-safe.
 */
final class BulkBody extends ByteArrayOutputStream {

  private static final ContentType NDJSON = ContentType.create("application/x-ndjson");

  BulkBody(int size) {
    super(size);
  }

  /**
   * Takes back the last byte written.
   *
   * @throws IllegalStateException if it is not {@code expected}
   */
  void dropLast(byte expected) {
    if (count == 0 || buf[count - 1] != expected) {
      throw new IllegalStateException(
          "the body does not end with '" + (char) expected + "' (" + count + " bytes)");
    }
    count--;
  }

  /** Writes {@code text}, which holds only ASCII characters, one byte each. */
  void writeAscii(CharSequence text) {
    int n = text.length();
    ensureCapacity(count + n);
    for (int i = 0; i < n; i++) {
      buf[count++] = (byte) text.charAt(i);
    }
  }

  private void ensureCapacity(int size) {
    if (size > buf.length) {
      buf = java.util.Arrays.copyOf(buf, Math.max(size, 2 * buf.length));
    }
  }

  /** The body as a request entity, sharing this buffer (write nothing more once it is sent). */
  ByteArrayEntity entity() {
    return new ByteArrayEntity(buf, 0, count, NDJSON);
  }
}
