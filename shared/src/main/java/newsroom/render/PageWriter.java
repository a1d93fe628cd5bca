package newsroom.render;

import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where a template renders a page: straight into UTF-8 bytes, which is what the bucket stores.
 * {@link java.io.StringWriter} locks a {@link StringBuffer} on every write and grows from 16
 * characters, and its text was then copied once more into a String and encoded once more into bytes;
 * Mustache writes a page in thousands of small pieces, one thread a page, so in a full rebuild that
 * locking and copying was a fifth of the time. The bytes are those {@code String.getBytes(UTF_8)}
 * gives, a lone surrogate included (as {@code ?}).
 */
final class PageWriter extends Writer {
    /** Larger than most pages (a release page is about 6 KB), so a page is rarely copied as it grows. */
    private static final int PAGE = 16 * 1024;

    private static final int CHUNK = 1024;

    /** Each thread's writer, used page after page: a full rebuild writes thousands, each as large. */
    private static final ThreadLocal<PageWriter> REUSED = ThreadLocal.withInitial(PageWriter::new);

    private byte[] bytes = new byte[PAGE];
    /** Whether this thread's reused writer holds a page not yet taken. */
    private boolean taken;
    private final char[] chunk = new char[CHUNK];
    private int size;
    /** A high surrogate whose low half has not been written yet, or 0. */
    private char high;

    /**
     * This thread's writer, empty, its buffer kept from the page before; a new one when this thread's
     * is still in use (a page rendered while another is, which no caller does today).
     */
    static PageWriter reused() {
        PageWriter writer = REUSED.get();
        if (writer.taken) {
            return new PageWriter();
        }
        writer.taken = true;
        writer.size = 0;
        writer.high = 0;
        return writer;
    }

    @Override
    public void write(int c) {
        put((char) c);
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            if (high == 0) {
                // An ASCII run (most of a page) in locals: the JIT keeps them in registers, where
                // fields read and written back for every character cost twice as much.
                room(end - i);
                byte[] out = bytes;
                int at = size;
                for (; i < end; i++) {
                    char c = chars[i];
                    if (c >= 0x80) {
                        break;
                    }
                    out[at++] = (byte) c;
                }
                size = at;
            }
            if (i < end) {
                put(chars[i++]);
            }
        }
    }

    @Override
    public void write(String s) {
        write(s, 0, s.length());
    }

    @Override
    public void write(String s, int offset, int length) {
        // Through a char array: copying out is one intrinsic, where charAt checks every index.
        for (int from = offset, end = offset + length; from < end; from += CHUNK) {
            int to = Math.min(end, from + CHUNK);
            s.getChars(from, to, chunk, 0);
            write(chunk, 0, to - from);
        }
    }

    @Override
    public Writer append(CharSequence s) {
        String text = String.valueOf(s);
        write(text, 0, text.length());
        return this;
    }

    @Override
    public Writer append(CharSequence s, int start, int end) {
        String text = String.valueOf(s);
        write(text, start, end - start);
        return this;
    }

    @Override
    public Writer append(char c) {
        put(c);
        return this;
    }

    @Override
    public void flush() {
        // nothing buffered elsewhere
    }

    @Override
    public void close() {
        // nothing to release
    }

    /**
     * The same page for a writer of bytes that are UTF-8 already (a JSON generator's): they go in
     * as they are, with no characters between.
     */
    OutputStream utf8() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                endSurrogate();
                room(1);
                bytes[size++] = (byte) b;
            }

            @Override
            public void write(byte[] b, int offset, int length) {
                endSurrogate();
                room(length);
                System.arraycopy(b, offset, bytes, size, length);
                size += length;
            }
        };
    }

    /** The page as UTF-8. */
    byte[] toBytes() {
        endSurrogate();
        taken = false;
        return Arrays.copyOf(bytes, size);
    }

    @Override
    public String toString() {
        endSurrogate();
        taken = false;
        return new String(bytes, 0, size, StandardCharsets.UTF_8);
    }

    private void put(char c) {
        room(4);
        if (high != 0) {
            if (Character.isLowSurrogate(c)) {
                int code = Character.toCodePoint(high, c);
                high = 0;
                bytes[size++] = (byte) (0xF0 | code >> 18);
                bytes[size++] = (byte) (0x80 | code >> 12 & 0x3F);
                bytes[size++] = (byte) (0x80 | code >> 6 & 0x3F);
                bytes[size++] = (byte) (0x80 | code & 0x3F);
                return;
            }
            endSurrogate();
        }
        if (c < 0x80) {
            bytes[size++] = (byte) c;
        } else if (c < 0x800) {
            bytes[size++] = (byte) (0xC0 | c >> 6);
            bytes[size++] = (byte) (0x80 | c & 0x3F);
        } else if (Character.isHighSurrogate(c)) {
            high = c;
        } else if (Character.isLowSurrogate(c)) {
            bytes[size++] = '?';
        } else {
            bytes[size++] = (byte) (0xE0 | c >> 12);
            bytes[size++] = (byte) (0x80 | c >> 6 & 0x3F);
            bytes[size++] = (byte) (0x80 | c & 0x3F);
        }
    }

    /** A high surrogate with no low half after it is malformed: {@code ?}, as String's encoder writes it. */
    private void endSurrogate() {
        if (high != 0) {
            high = 0;
            room(1);
            bytes[size++] = '?';
        }
    }

    /** Room for at least {@code chars} more characters' worth of ASCII, or one character of any kind. */
    private void room(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
