namespace Allianssi.Application.Data.Entities;

/// <summary>
/// One mutating action: who (user, party, role), when, what, and the entity before and after (JSON
/// summaries without health data). Append-only and hash-chained.
/// </summary>
/// <remarks>
/// <see cref="Sequence"/> numbers the chain from 1 without gaps; <see cref="PreviousHash"/> is the
/// <see cref="Hash"/> of the entry before (64 zeros for the first); <see cref="Hash"/> is the
/// SHA-256 of the entry's canonical serialisation (<see cref="Security.AuditChain"/>). Both are set
/// when the entry is saved, never by the caller.
/// </remarks>
public sealed class AuditEntry
{
    /// <summary>The entity of account events: sign-in, sign-out, users created or changed.</summary>
    public const string UserEntity = "User";

    /// <summary>The action of a downloaded report (a read: it changes no result).</summary>
    public const string DownloadReport = "download-report";

    /// <summary>The action of a person-month explained to a reader (a read: it changes no result).</summary>
    public const string ExplainPersonMonth = "explain-person-month";

    public long Id { get; set; }

    public long Sequence { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Actor { get; set; }

    /// <summary>The actor's party code, or null for a system admin or the command line.</summary>
    public string? Party { get; set; }

    /// <summary>The actor's role when acting.</summary>
    public string Role { get; set; } = "";

    public required string Action { get; set; }

    public required string Entity { get; set; }

    public string? EntityKey { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }

    public string PreviousHash { get; set; } = "";

    public string Hash { get; set; } = "";
}
