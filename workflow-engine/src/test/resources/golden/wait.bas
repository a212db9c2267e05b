' WAIT sleeps (here on a fake clock); zero does not wait
TALK "start"
WAIT 2
TALK "after 2 seconds"
WAIT 0.5
WAIT 0
TALK "end"
