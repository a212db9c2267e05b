' A SUB called inside a loop waits for typed input inside the SUB
answers = []
FOR i = 1 TO 3
    CALL ask(i)
NEXT
TALK "answers: " + JOIN(answers, ", ")

SUB ask(n)
    HEAR reply AS INTEGER WITH "Question " + n + "?"
    answers[n - 1] = reply * 10
END SUB
