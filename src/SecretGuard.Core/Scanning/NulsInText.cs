namespace SecretGuard.Scanning;

/// <summary>
/// The NULs of text decoded as UTF-8, as the characters stream by, chunk after chunk. UTF-16 text in it
/// (a tool that appended in UTF-16, such as Windows PowerShell's <c>&gt;&gt;</c>, or UTF-16 text after a
/// UTF-8 head) comes with a NUL between each two ASCII characters, which no rule would read through:
/// such NULs are dropped (a NUL between two other characters, where the character two places before
/// or after it is a NUL as well: <c>G\0I\0T\0</c>, either byte order). Line breaks stay, so lines count
/// as they do in the UTF-16 text. Every other NUL (a NUL-separated list's, a C string's end, padding)
/// ends a value as a line end does, and becomes a carriage return: a line end that does not count as a
/// line, so lines and columns stay those of the file.
/// </summary>
internal sealed class NulsInText
{
    /// <summary>Characters held back from one chunk for the next: what a NUL at the end needs to be decided.</summary>
    public const int MaxPending = 2;

    private int _pending;
    private int _pendingStart;

    /// <summary>Whether the characters one and two places before the next one were NULs.</summary>
    private bool _previousNul;
    private bool _secondPreviousNul;

    /// <summary>Moves the characters held back from the last chunk to the start of <paramref name="chars"/>; returns how many.</summary>
    public int Restore(char[] chars)
    {
        var pending = _pending;
        if (pending > 0)
        {
            Array.Copy(chars, _pendingStart, chars, 0, pending);
            _pending = 0;
        }

        return pending;
    }

    /// <summary>Characters with no NUL among them (none held back either): nothing to drop.</summary>
    public int PassOver(int count)
    {
        if (count > 0)
        {
            _secondPreviousNul = count == 1 && _previousNul;
            _previousNul = false;
        }

        return count;
    }

    /// <summary>
    /// Drops the UTF-16-shaped NULs of <paramref name="chars"/>' first <paramref name="count"/> characters
    /// and turns the others into carriage returns, in place; returns how many characters remain in front.
    /// A NUL among the last two characters is held back until the next chunk shows what follows it,
    /// unless <paramref name="final"/>.
    /// </summary>
    public int Read(char[] chars, int count, bool final)
    {
        var previous = _previousNul;
        var secondPrevious = _secondPreviousNul;
        var written = 0;
        var i = 0;
        for (; i < count; i++)
        {
            var c = chars[i];
            if (c == '\0')
            {
                if (!final && i + MaxPending >= count)
                {
                    _pending = count - i;
                    _pendingStart = i;
                    break;
                }

                var nextIsText = i + 1 < count && chars[i + 1] != '\0';
                var secondNextIsNul = i + 2 < count && chars[i + 2] == '\0';
                if (!previous && nextIsText && (secondPrevious || secondNextIsNul))
                {
                    secondPrevious = previous;
                    previous = true;
                    continue;
                }
            }

            chars[written++] = c == '\0' ? '\r' : c;
            secondPrevious = previous;
            previous = c == '\0';
        }

        _previousNul = previous;
        _secondPreviousNul = secondPrevious;
        return written;
    }
}
