namespace Allianssi.Application.UseCases.Approvals;

/// <summary>A request conflicts with the state of an approval or lock (HTTP 409).</summary>
public class ResultConflictException : Exception
{
    public ResultConflictException()
    {
    }

    public ResultConflictException(string message)
        : base(message)
    {
    }

    public ResultConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A conflict with its stable code (<c>conflict.resultLocked</c>); the message is the invariant English text.</summary>
    public ResultConflictException(string code, FormattableString message)
        : base(FormattableString.Invariant(message ?? throw new ArgumentNullException(nameof(message))))
    {
        Code = code;
        Text = message;
    }

    /// <summary>The stable code (<c>conflict.*</c>), for the API's <c>code</c> and a page that words it; null when raised without one.</summary>
    public string? Code { get; }

    /// <summary>The message with its values, which a page words from <c>Validation.{Code}</c>.</summary>
    public FormattableString? Text { get; }
}

/// <summary>A change to data that feeds a locked result was refused; the message names the lock.</summary>
public sealed class ResultLockedException : ResultConflictException
{
    public ResultLockedException()
    {
    }

    public ResultLockedException(string message)
        : base(message)
    {
    }

    public ResultLockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc cref="ResultConflictException(string, FormattableString)"/>
    public ResultLockedException(string code, FormattableString message)
        : base(code, message)
    {
    }

    /// <summary>The lock that refused the change.</summary>
    public int? LockId { get; init; }

    /// <summary>The locked scope: a period code, or period/year.</summary>
    public string? Scope { get; init; }

    /// <summary>The SHA-256 of the locked snapshot.</summary>
    public string? SnapshotHash { get; init; }

    /// <summary>What the refused change was to (e.g. "ledger line of a party for a year"), without values.</summary>
    public string? Change { get; init; }
}
