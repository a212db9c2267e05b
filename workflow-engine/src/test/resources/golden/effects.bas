' Plugin keywords: an effect, an effect that fails twice then succeeds, a pure one, a list parameter, SEND MAIL
r = FETCH "weather"
TALK r
r2 = FETCH "news", 2
TALK r2
loud = SHOUT("quiet")
TALK loud
NOTE "a", "b", "c"
SEND MAIL "ana@example.com", "Hi", "Body text"
TALK "done"
