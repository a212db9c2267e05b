' A failure that stays retryable fails the execution after the last attempt
r = FETCH "flaky", 10
TALK "never"
