' SELECT CASE with values, lists, ranges, CASE IS and CASE ELSE; SWITCH with DEFAULT
FOR EACH s IN [100, 95, 85, 30, 70, "abc"]
    g = grade(s)
    TALK s + " -> " + g
NEXT
answer = "yes"
SWITCH answer
    CASE "no"
        TALK "said no"
    CASE "yes", "y"
        TALK "said yes"
    DEFAULT
        TALK "said something"
END SWITCH

FUNCTION grade(score)
    SELECT CASE score
        CASE 100
            RETURN "perfect"
        CASE 90 TO 99
            RETURN "A"
        CASE 80, 85, 89
            RETURN "B-ish"
        CASE IS < 50
            RETURN "fail"
        CASE ELSE
            RETURN "other"
    END SELECT
END FUNCTION
