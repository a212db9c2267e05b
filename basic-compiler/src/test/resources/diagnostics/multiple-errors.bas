' A ticket dialog with several mistakes: every one is reported.
PARAM subject AS STRING LIKE "printer" DESCRIPTION "what is wrong"
HEAR email AS EMAIL WITH "Your e-mail?"
ticket = "T-" + FORMAT(NOW(), "YYYYMMDD"
IF LEN(subject) > 100 THEN
  TALK "Please be brief"
ELSE IF subject = "" THEN
  TALK "Please say what is wrong
END IF
SELECT CASE priority
  CASE "high"
    SET BOT MEMORY "urgent_ticket"
  CASE ELSE
    NOTIFY TEAM "support", ticket
END SELECT
FOR EACH line IN SPLIT(subject, "\n")
  TALK line
NEXT item
RETURN ticket
