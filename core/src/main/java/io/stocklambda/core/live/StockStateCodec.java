package io.stocklambda.core.live;

import io.stocklambda.core.prediction.Layer;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.tick.Tick;
import io.stocklambda.core.window.Window;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A stock's live state ({@link StockState}) as compact bytes, as the speed layer's store keeps it
 * and the benchmark's other engines keep theirs: read and written on every tick, so JSON (twice a
 * tick, for a window and a prediction) cost most of the speed layer's CPU, and stream wrappers
 * still a sixth of it; a sized buffer costs next to nothing. The open prediction is kept by what
 * the window cannot give back (probability, call, model, time); its stock, date and closes are the
 * window's.
 */
public final class StockStateCodec {

  private static final byte FORMAT = 1;
  private static final int TICK_BYTES = Integer.BYTES + 4 * Double.BYTES + Long.BYTES;

  private StockStateCodec() {}

  /** The state as bytes: format byte, stock, window size and ticks, then the open call if any. */
  public static byte[] encode(StockState state) {
    Window w = state.window();
    Prediction open = state.open();
    byte[] stock = w.stock().getBytes(StandardCharsets.UTF_8);
    byte[] version = open == null ? null : open.modelVersion().getBytes(StandardCharsets.UTF_8);
    int size =
        1
            + 2
            + stock.length
            + 2
            + 2
            + TICK_BYTES * w.ticks().size()
            + 1
            + (open == null ? 0 : Double.BYTES + 1 + 2 + version.length + Long.BYTES);
    ByteBuffer out = ByteBuffer.allocate(size);
    out.put(FORMAT);
    putString(out, stock);
    out.putShort((short) w.size());
    out.putShort((short) w.ticks().size());
    for (Tick t : w.ticks()) {
      out.putInt((int) t.date().toEpochDay());
      out.putDouble(t.open());
      out.putDouble(t.high());
      out.putDouble(t.low());
      out.putDouble(t.close());
      out.putLong(t.volume());
    }
    out.put((byte) (open == null ? 0 : 1));
    if (open != null) {
      out.putDouble(open.probabilityUp());
      out.put((byte) (open.up() ? 1 : 0));
      putString(out, version);
      out.putLong(open.scoredAt().toEpochMilli());
    }
    return out.array();
  }

  /**
   * The state {@link #encode} wrote; the open call's layer is {@link Layer#SPEED}.
   *
   * @throws IllegalStateException if the bytes are of another format
   * @throws java.nio.BufferUnderflowException if they are cut short
   */
  public static StockState decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    byte format = in.get();
    if (format != FORMAT) {
      throw new IllegalStateException(
          "speed-layer state in format " + format + ", this build reads " + FORMAT);
    }
    String stock = getString(in);
    int size = in.getShort();
    int count = in.getShort();
    List<Tick> ticks = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ticks.add(
          new Tick(
              stock,
              LocalDate.ofEpochDay(in.getInt()),
              in.getDouble(),
              in.getDouble(),
              in.getDouble(),
              in.getDouble(),
              in.getLong()));
    }
    Window window = new Window(stock, size, ticks);
    Prediction open = null;
    if (in.get() != 0) {
      double probability = in.getDouble();
      boolean up = in.get() != 0;
      String version = getString(in);
      Instant scoredAt = Instant.ofEpochMilli(in.getLong());
      open =
          new Prediction(
              stock,
              window.last().date(),
              window.closes(),
              probability,
              up,
              version,
              Layer.SPEED,
              scoredAt,
              null,
              null);
    }
    return new StockState(window, open);
  }

  private static void putString(ByteBuffer out, byte[] utf8) {
    out.putShort((short) utf8.length);
    out.put(utf8);
  }

  private static String getString(ByteBuffer in) {
    int length = Short.toUnsignedInt(in.getShort());
    String s = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
    in.position(in.position() + length);
    return s;
  }
}
