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
