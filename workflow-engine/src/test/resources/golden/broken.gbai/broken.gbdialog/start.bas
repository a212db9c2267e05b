TALK "broken: " + task
x = 1 / 0
