namespace Allianssi.Cli;

/// <summary>Where the CLI keeps its files (embedded database, analytical store, uploads): <see cref="Application.AllianssiOptions.DataDirectory"/>.</summary>
/// <param name="Path">Full path of the directory; it need not exist yet.</param>
public sealed record DataDirectory(string Path);
