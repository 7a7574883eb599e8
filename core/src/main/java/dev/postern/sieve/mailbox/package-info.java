/**
 * RFC 5490 Sieve "mailbox": the mailboxexists test and ":create" on fileinto (the latter lives in
 * {@link dev.postern.sieve.FileIntoCommand}; the mailet creates the folder).
 */
package dev.postern.sieve.mailbox;
