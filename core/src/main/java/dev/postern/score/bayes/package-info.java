/**
 * A Bayesian spam classifier: messages become tokens (words, word pairs, selected header words),
 * tokens become probabilities (Robinson's f(w)), probabilities are combined with Fisher's
 * chi-square method. Counts live behind {@link dev.postern.score.bayes.BayesStore}, global and per user.
 */
package dev.postern.score.bayes;
