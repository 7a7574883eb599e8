require ["imap4flags", "fileinto"];
addflag "\\Seen";
if header :contains "subject" "report" { fileinto :flags "$Important" "Work"; }
