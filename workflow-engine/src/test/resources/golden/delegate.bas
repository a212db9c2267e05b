' DELEGATE TO BOT: the bot's RETURN value comes back; a fire-and-forget delegation does not wait
customer = "Ana"
DELEGATE "note the visit of " + customer TO BOT "notes"
answer = DELEGATE "ROI of 10000 at 12% over 5 years" TO BOT "finance" TIMEOUT 60
TALK "The finance expert says: " + answer
profile = DELEGATE "profile" TO BOT "finance"
TALK "Risk: " + profile.risk + ", horizon " + profile.horizon
DELEGATE "recheck" TO BOT "finance" TIMEOUT 10
TALK "done"
