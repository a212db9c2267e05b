' A menu accepts an option, its number or a unique prefix; it gives up after three tries
HEAR dish AS "Pizza", "Pasta", "Salad" WITH "What would you like?"
TALK "One " + dish
HEAR drink AS "Water", "Wine"
TALK "and " + drink
HEAR size AS "Small", "Large"
IF size IS NULL THEN TALK "no size chosen"
