package io.stocklambda.commands;

import com.github.rvesse.airline.annotations.AirlineModule;

/** Options of a component command that reads or writes the dataset in HDFS. */
public abstract class DatasetOptions extends ComponentOptions {

  @AirlineModule public DatasetLocation dataset = new DatasetLocation();
}
