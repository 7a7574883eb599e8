package dev.postern.score.bayes;

/** The class a message is learned as. */
public enum Verdict {
    SPAM,
    HAM
}
