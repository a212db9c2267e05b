package io.basicflow.ai;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small knowledge base of a town library, written for these tests: one topic per document. */
final class Library {

    static final String HOURS = "The library opens Monday to Friday from 9 am to 8 pm."
            + " On Saturdays it opens from 10 am to 4 pm, and it stays closed on Sundays and public holidays.";
    static final String FINES = "Books returned after their due date cost 25 cents per day and per book."
            + " The late fee never exceeds the price of the book. Children's books have no late fee.";
    static final String CARD = "Anyone who lives in town can get a library card for free."
            + " Bring an identity document and a proof of address to the front desk; the card is ready at once.";
    static final String WIFI = "Wireless internet is free in the reading rooms. The network is called Library-Guest"
            + " and the password is printed on the bookmark at the front desk.";
    static final String PRINT = "Printing and photocopying cost 10 cents per black and white page and 50 cents per"
            + " colour page. Pay at the machine with coins or your library card.";

    private Library() {}

    /** Writes the documents into {@code <kbFolder>/library/}; returns the folder. */
    static Path write(Path kbFolder) {
        try {
            Path folder = Files.createDirectories(kbFolder.resolve("library"));
            Files.writeString(folder.resolve("hours.md"), "# Opening hours\n\n" + HOURS + "\n");
            Files.writeString(folder.resolve("fines.txt"), FINES + "\n");
            Files.writeString(
                    folder.resolve("card.html"),
                    "<html><head><style>p{color:red}</style></head><body><h1>Library card</h1><p>" + CARD
                            + "</p></body></html>");
            Files.createDirectories(folder.resolve("services"));
            Files.writeString(folder.resolve("services/wifi.md"), WIFI + "\n");
            Files.writeString(folder.resolve("services/printing.md"), PRINT + "\n");
            Files.writeString(folder.resolve("logo.png"), "not a document");
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
