package io.basicflow.meet;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.mail.MailPlugin;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code INVITE TO MEET}: one e-mail with the room's join link, sent by SEND MAIL to a real SMTP server. */
@ExtendWith(PostgresExtension.class)
class InviteToMeetTest {

    @RegisterExtension
    static final GreenMailExtension smtp =
            new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    @Test
    void theParticipantsReceiveTheJoinLink(TestDatabase database) throws Exception {
        Map<String, String> settings = Map.of(
                "basicflow.mail.host", "127.0.0.1",
                "basicflow.mail.port", Integer.toString(smtp.getSmtp().getPort()),
                "basicflow.mail.from", "bot@example.com",
                "basicflow.meet.base-url", "https://meet.example.com");
        try (DurableFixture engine = DurableFixture.builder(database)
                .plugins(new MeetPlugin(), new MailPlugin())
                .configuration(settings)
                .start()) {
            String id = engine.start("invite.bas", """
                    #workflow
                    room = START MEET "Sprint Planning" WITH BOT
                    team = ["alice@example.com", "bob@example.com"]
                    INVITE TO MEET room, team, "Join us for sprint planning!"
                    TALK room.id
                    """, Map.of());
            var view = engine.awaitStatus(id, ExecutionStatus.COMPLETED, ExecutionStatus.FAILED);
            assertThat(view.status()).as("%s", view.error()).isEqualTo(ExecutionStatus.COMPLETED);
            String room = engine.messages(id).getFirst();
            MimeMessage[] received = smtp.getReceivedMessages();
            // one message, delivered to both mailboxes
            assertThat(received).hasSize(2);
            MimeMessage mail = received[0];
            assertThat(mail.getSubject()).isEqualTo("Invitation: Sprint Planning");
            assertThat(Arrays.stream(mail.getRecipients(Message.RecipientType.TO))
                            .map(Object::toString))
                    .containsExactly("alice@example.com", "bob@example.com");
            assertThat(GreenMailUtil.getBody(mail))
                    .contains("Join us for sprint planning!")
                    .contains("https://meet.example.com/meet/" + room);
        }
    }
}
