' FOR EACH over a text is an error, not a loop over characters
name = "Ana"
FOR EACH c IN name
    TALK c
NEXT
