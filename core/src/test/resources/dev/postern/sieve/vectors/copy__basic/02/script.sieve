require ["fileinto"];
redirect "bob@example.net";
fileinto "Archive";
