namespace Allianssi.Domain;

internal static class Placeholder;
