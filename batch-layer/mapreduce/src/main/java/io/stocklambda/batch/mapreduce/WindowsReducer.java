package io.stocklambda.batch.mapreduce;

import io.stocklambda.core.dataset.TrainingLine;
import io.stocklambda.core.window.LabeledWindow;
import io.stocklambda.core.window.WindowLabeler;
import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * One stock's ticks, in date order, into labeled sliding windows through core's {@link
 * WindowLabeler}: a repeated date (the same day from another source) is dropped and counted, the
 * newest source having come first. The last window is written unlabeled, for the batch view.
 */
public final class WindowsReducer extends Reducer<StockDateKey, TickWritable, NullWritable, Text> {

  /** Configuration key of the window size. */
  public static final String WINDOW_SIZE = "stocklambda.window.size";

  private final Text line = new Text();
  private int windowSize;

  @Override
  protected void setup(Context context) {
    windowSize =
        context
            .getConfiguration()
            .getInt(WINDOW_SIZE, io.stocklambda.core.window.Window.DEFAULT_SIZE);
  }

  @Override
  protected void reduce(StockDateKey key, Iterable<TickWritable> ticks, Context context)
      throws IOException, InterruptedException {
    WindowLabeler labeler = new WindowLabeler(windowSize);
    String stock = key.stock();
    for (TickWritable tick : ticks) {
      Optional<LabeledWindow> window = labeler.accept(tick.toTick(stock));
      if (window.isPresent()) {
        write(window.get(), context);
      }
    }
    Optional<LabeledWindow> last = labeler.finish();
    if (last.isPresent()) {
      write(last.get(), context);
      context.getCounter(TrainingSetCounters.UNLABELED_WINDOWS).increment(1);
    }
    context.getCounter(TrainingSetCounters.DUPLICATES).increment(labeler.duplicates());
    context.getCounter(TrainingSetCounters.STOCKS).increment(1);
  }

  private void write(LabeledWindow window, Context context)
      throws IOException, InterruptedException {
    line.set(TrainingLine.format(window));
    context.write(NullWritable.get(), line);
    context.getCounter(TrainingSetCounters.WINDOWS).increment(1);
  }
}
