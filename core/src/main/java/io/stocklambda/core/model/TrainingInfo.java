package io.stocklambda.core.model;

import java.time.LocalDate;

/**
 * What a model was fitted on: the first and last window dates of its training rows, how many rows,
 * and the cutoff: no training row's label is dated on or after it. For an evaluated fit it is the
 * first date of its test period; for a deployed fit, the day after its newest label, so a window
 * dated on or after it is out of time for that model (before it, possibly in sample).
 */
public record TrainingInfo(LocalDate from, LocalDate to, long rows, LocalDate cutoff) {}
