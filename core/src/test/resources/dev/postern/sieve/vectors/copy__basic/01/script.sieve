require ["copy", "fileinto"];
redirect :copy "bob@example.net";
fileinto :copy "Archive";
