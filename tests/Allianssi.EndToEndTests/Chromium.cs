namespace Allianssi.EndToEndTests;

/// <summary>Debian's Chromium, which the browser tests drive (Playwright's own download does not work here).</summary>
internal static class Chromium
{
    /// <summary>
    /// The browser: <c>ALLIANSSI_TEST_CHROMIUM</c>, else <c>/usr/bin/chromium</c>. When it is missing the suite is skipped
    /// with the reason (<paramref name="skipReason"/>), except in CI, where a skipped browser suite would pass unseen.
    /// </summary>
    public static string? Find(out string? skipReason)
    {
        var chromium = Environment.GetEnvironmentVariable("ALLIANSSI_TEST_CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium";
        if (File.Exists(chromium))
        {
            skipReason = null;
            return chromium;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Chromium not found at {chromium}; CI must run the browser suite.");
        }

        skipReason = $"Chromium not found at {chromium}";
        return null;
    }
}
