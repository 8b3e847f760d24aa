namespace Allianssi.Application.Security;

/// <summary>The roles of ARCHITECTURE.md (Access). A user has exactly one, scoped to their party.</summary>
public static class Roles
{
    /// <summary>Reads scorecards, settlements and every party's open-book ledger.</summary>
    public const string Viewer = "viewer";

    /// <summary>Maintains their own party's ledger, indicator values, weights, levels and parameters.</summary>
    public const string Analyst = "analyst";

    /// <summary>The data controller's analysts.</summary>
    public const string Controller = "controller";

    /// <summary>Approves for their own party and records target-cost decisions.</summary>
    public const string Leadership = "leadership";

    /// <summary>Users and configuration, for every party.</summary>
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Viewer, Analyst, Controller, Leadership, Admin];

    /// <summary>The claim that carries the user's party code.</summary>
    public const string PartyClaim = "allianssi:party";
}
