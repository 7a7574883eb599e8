# Files mail to user+detail@domain into INBOX.detail (lower case), creates the folder on first
# use and tells the user once, by mail to user@domain. Mail without a detail stays in INBOX.
# The Dovecot/Pigeonhole recipe, as it runs on Postern (ExtendedSieve). Upload it with
#   curl -X PUT 'http://127.0.0.1:8000/sieve/me@example.org/scripts/subaddress?activate=true' \
#        -H 'Content-Type: application/sieve' \
#        --data-binary @conf/sieve/subaddress-folders.sieve
# or over ManageSieve (port 4190, STARTTLS then AUTHENTICATE "PLAIN"), e.g. sieve-connect.
# Postern's transport processor already files by detail natively (FileIntoSubaddressFolder in
# conf/mailetcontainer.xml); use this script instead when you replace that mailet with
# RecordSubaddress, or adapt it (other folder names, other notifications).
require ["variables", "fileinto", "regex", "envelope", "subaddress", "mailbox", "enotify"];
if envelope :detail :matches "to" "*" {
  set :lower "subaddress" "${1}";
  if envelope :user :matches "to" "*" { set "name" "${1}"; }
  if envelope :domain :matches "to" "*" { set "domain" "${1}"; }
  if mailboxexists "INBOX.${subaddress}" {
    fileinto "INBOX.${subaddress}";
    stop;
  } else {
    fileinto :create "INBOX.${subaddress}";
    notify :message "Folder INBOX.${subaddress} was just created" "mailto:${name}@${domain}";
    stop;
  }
}
keep;
