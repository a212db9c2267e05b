' HEAR … DEFAULT: an empty answer or one given up on takes the default; 0 and "no" are answers
HEAR n AS INTEGER DEFAULT 5
TALK "n is " + n
HEAR ok AS BOOLEAN DEFAULT TRUE
IF ok THEN
    TALK "ok is true"
ELSE
    TALK "ok is false"
END IF
HEAR zip AS ZIPCODE DEFAULT "00000"
TALK "zip " + zip
HEAR note DEFAULT "none"
TALK "note " + note
