' A permanent failure fails the execution at once, naming the keyword
TALK "before"
BREAK "the service said no"
TALK "never"
