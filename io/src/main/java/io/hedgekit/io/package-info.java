/**
 * Reading and writing hedgekit's files: books ({@link io.hedgekit.io.book}), market data
 * ({@link io.hedgekit.io.market}) and result tables ({@link io.hedgekit.io.table}). Every problem
 * with a user's file is reported as an {@link io.hedgekit.kernels.InputException} naming file, row,
 * column and value.
 */
package io.hedgekit.io;

