' Typed HEAR: valid at once, invalid then valid, and giving up after three invalid inputs
HEAR age AS INTEGER WITH "How old are you?"
TALK "Next year you will be " + (age + 1)
HEAR email AS EMAIL WITH "Your e-mail?"
TALK "Saved " + email
HEAR zip AS ZIPCODE
IF zip IS NULL THEN
    TALK "No valid zip code, moving on"
ELSE
    TALK "zip " + zip
END IF
HEAR ok AS BOOLEAN
IF ok THEN TALK "confirmed"
