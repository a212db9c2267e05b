' ADD BOT: an input that mentions a bot's trigger goes to that bot, then the script hears again;
' REMOVE BOT takes a bot out; BROADCAST … TO BOTS runs every bot still in the set with the message
ADD BOT "tracker" WITH TRIGGER "order status, shipping"
ADD BOT "pricer" TRIGGER ON "price, quote" TOOLS "calculate"
TALK "I've set up our specialist team. Ask about orders or prices!"
HEAR question
TALK "You asked me: " + question
REMOVE BOT "pricer"
HEAR question
TALK "Still me: " + question
BROADCAST "closing time" TO BOTS
TALK "done"
