/**
 * Stress tests by full revaluation: risk matrices of spot × implied-vol moves per underlying and
 * for all underlyings together, and named historical days (the largest daily moves of a price
 * history, applied jointly to every underlying).
 */
package io.hedgekit.risk.stress;
