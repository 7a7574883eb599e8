require ["variables", "fileinto"];
set :upper "u" "éa";
set :lowerfirst "l" "ÀB";
if not string :is "${u}" "éA" { fileinto "FAILED-1"; stop; }
if string :is "${u}" "éa" { fileinto "FAILED-2"; stop; }
if not string :is :comparator "i;ascii-casemap" "${u}" "éa" { fileinto "FAILED-3"; stop; }
if not string :is "${l}" "ÀB" { fileinto "FAILED-4"; stop; }
fileinto "PASSED";
