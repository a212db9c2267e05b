' HEAR takes any text, with or without a prompt
HEAR name
TALK "Hi " + name
HEAR city WITH "Where do you live?"
TALK name + " lives in " + city
