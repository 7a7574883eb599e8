require ["vacation","variables"];
set "who" "Alice";
vacation :subject "Away: ${who}" "${who} is away";
