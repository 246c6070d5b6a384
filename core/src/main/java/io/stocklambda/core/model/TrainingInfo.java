package io.stocklambda.core.model;

import java.time.LocalDate;

/**
 * What a model was fitted on: the first and last window dates of its training rows, how many rows,
 * and the cutoff after which its evaluation period starts (no training row on or after it).
 */
public record TrainingInfo(LocalDate from, LocalDate to, long rows, LocalDate cutoff) {}
