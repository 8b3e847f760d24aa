namespace Allianssi.Cli.Commands;

/// <summary>The input files commands read whole (a scenario, an organiser model).</summary>
internal static class InputFiles
{
    /// <summary>
    /// Reads <paramref name="file"/> with <paramref name="read"/>; a file that cannot be opened is refused as the
    /// reader refuses bad content, by the exception <paramref name="refused"/> makes of the message.
    /// </summary>
    public static T Read<T>(FileInfo file, Func<Stream, T> read, Func<string, Exception> refused)
    {
        try
        {
            using var stream = file.OpenRead();
            return read(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw refused($"cannot read {file.Name}: {e.Message}");
        }
    }
}
