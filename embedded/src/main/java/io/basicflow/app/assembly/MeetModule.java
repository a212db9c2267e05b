package io.basicflow.app.assembly;

import com.google.inject.AbstractModule;
import io.basicflow.meet.BookingPlugin;
import io.basicflow.meet.MeetPlugin;

/**
 * Text meeting rooms (START/JOIN/LEAVE/INVITE TO MEET, TALK TO MEET, HEAR FROM MEET) and the bot's calendar
 * (BOOK, BOOK_MEETING, CHECK_AVAILABILITY): keywords-meet, docs/meetings.md.
 */
public final class MeetModule extends AbstractModule {

    @Override
    protected void configure() {
        PluginsModule.plugins(binder()).addBinding().to(MeetPlugin.class);
        PluginsModule.plugins(binder()).addBinding().to(BookingPlugin.class);
    }
}
