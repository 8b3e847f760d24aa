namespace Allianssi.Application.UseCases.Approvals;

/// <summary>One party's standing approval (or consent to reopen).</summary>
public sealed record PartyApprovalDto(string Party, bool Approved, string? ApprovedBy, DateTimeOffset? At, string? ResultHash);

/// <summary>An approval that a change to an input invalidated, and why: <paramref name="Reason"/> in invariant English, <paramref name="StoredReason"/> as stored (a code with its arguments, see <see cref="InvalidationReason"/>, or an older English text).</summary>
public sealed record InvalidatedApprovalDto(string Party, string ApprovedBy, DateTimeOffset At, DateTimeOffset InvalidatedAt, string Reason, string StoredReason);

/// <summary>A settlement figure locked, as current data gives it, and the difference (current minus locked).</summary>
public sealed record FigureDifference(string Figure, decimal Locked, decimal Current, decimal Difference);

/// <summary>The lock in force on a scope.</summary>
public sealed record LockDto(int Id, string SnapshotHash, DateTimeOffset LockedAt, bool CurrentDataDiffers, IReadOnlyList<FigureDifference> Differences, IReadOnlyList<PartyApprovalDto> ReopenConsents);

/// <summary>An earlier lock that every party agreed to reopen.</summary>
public sealed record ReopenedLockDto(int Id, string SnapshotHash, DateTimeOffset LockedAt, DateTimeOffset ReopenedAt, string? Reason);

/// <summary>
/// Where the approval of a period's (or year's) scorecard and settlement stands: which parties
/// approved the current result, which approvals a change invalidated, and the lock if every party
/// approved (with what current data would give).
/// </summary>
public sealed record ApprovalStatus(
    string Alliance,
    string Period,
    int? Year,
    string State,
    string CurrentHash,
    IReadOnlyList<PartyApprovalDto> Parties,
    IReadOnlyList<InvalidatedApprovalDto> Invalidated,
    LockDto? Lock,
    IReadOnlyList<ReopenedLockDto> Reopened)
{
    public const string Open = "open";

    /// <summary>
    /// Why the result cannot be approved now (<see cref="ApprovalRefusal.ToDate"/>: it is settled to date
    /// or its year is in progress); null, and not written, when it can be.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? NotApprovable { get; init; }

    /// <summary>The last year a result that is not final covers (with <see cref="NotApprovable"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public int? NotFinalThrough { get; init; }

    public const string PartlyApproved = "partly-approved";

    public const string Locked = "locked";
}

/// <summary>What an approver says they approve: optionally the hash they saw, so a result that changed meanwhile is not approved blindly.</summary>
public sealed record ApproveInput(string? ResultHash);

/// <summary>Why a party asks to reopen a locked result.</summary>
public sealed record ReopenInput(string? Reason);
