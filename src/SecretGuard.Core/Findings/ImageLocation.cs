namespace SecretGuard.Findings;

/// <summary>Where in an image a credential sits. Descriptions never include the secret.</summary>
internal abstract record ImageLocation
{
    public abstract string Describe();

    /// <summary>What identifies the place across rebuilds and edits (no line numbers, no digests).</summary>
    public abstract string StableKey { get; }

    /// <summary>Set when the base image brings this content rather than the project.</summary>
    public BaseImageOrigin? Base { get; init; }

    /// <summary>An entry of the image config (ENV, label, argument, history), not a file.</summary>
    public virtual bool IsConfigEntry => false;
}

/// <summary>
/// Content of the base image. <see cref="DeletedInLayer"/> (0-based) is the later layer that deletes the
/// file with a whiteout: hidden from the running container, yet still in the lower layer's blob.
/// </summary>
internal sealed record BaseImageOrigin(string Image, int? DeletedInLayer = null);

/// <summary>An entry of the config's Env.</summary>
internal sealed record EnvLocation(string Name) : ImageLocation
{
    public override bool IsConfigEntry => true;

    public override string Describe() => $"the image's ENV {Name}";

    public override string StableKey => "env:" + Name;
}

/// <summary>A label of the config.</summary>
internal sealed record LabelLocation(string Key) : ImageLocation
{
    public override bool IsConfigEntry => true;

    public override string Describe() => $"the image's LABEL {Key}";

    public override string StableKey => "label:" + Key;
}

/// <summary>
/// One argument of Entrypoint or Cmd. <see cref="Argument"/> holds the raw argument, used only to find
/// the item that defined it; it is never printed.
/// </summary>
internal sealed record ArgumentLocation(string Field, int Index, string Argument) : ImageLocation
{
    public override bool IsConfigEntry => true;

    public override string Describe() => $"the image's {Field} argument {Index + 1}";

    public override string StableKey => "args";

    public override string ToString() => $"ArgumentLocation {{ Field = {Field}, Index = {Index} }}";
}

/// <summary>The created_by command of one history entry.</summary>
internal sealed record HistoryLocation(int Index) : ImageLocation
{
    public override bool IsConfigEntry => true;

    public override string Describe() => $"the image's build history (step {Index + 1})";

    public override string StableKey => "history";
}

/// <summary>
/// Any other string of the image config, named by its place in the document (<c>config.Healthcheck.Test[1]</c>,
/// <c>history[3].comment</c>, <c>config.Volumes (key 2)</c>, <c>author</c>); the place never holds the value.
/// </summary>
internal sealed record ConfigFieldLocation(string Place) : ImageLocation
{
    public override bool IsConfigEntry => true;

    /// <summary>A field of a build step (history) rather than of what the image runs with.</summary>
    public bool IsHistory => Place.StartsWith("history[", StringComparison.Ordinal);

    public override string Describe() => $"field {Place} of the image config";

    // A step's number moves when the base image gains a step; the field's name does not.
    public override string StableKey => "field:" + (IsHistory ? "history." + Place[(Place.IndexOf(']') + 1)..].TrimStart('.') : Place);
}

/// <summary>
/// A file in a layer, at a 1-based line and column (0 for binary files). Layer index
/// <see cref="AppLayerToBuild"/> is the app layer before it is built: the publish folder.
/// </summary>
/// <param name="Bundle">The single-file bundle the file is inside, if any; <see cref="Path"/> is then where the app sees it.</param>
internal sealed record LayerFileLocation(int LayerIndex, string LayerDigest, string Path, int Line, int Column, string? Bundle = null) : ImageLocation
{
    public const int AppLayerToBuild = -1;

    public override string StableKey => "file:" + Path;

    public override string Describe()
    {
        var layer = LayerIndex == AppLayerToBuild ? "the app layer" : $"layer {LayerIndex + 1}";
        var inBundle = Bundle is null ? "" : $" inside the single-file bundle {Bundle}";
        return Line > 0 ? $"{Path} (line {Line}){inBundle} in {layer}" : $"{Path}{inBundle} in {layer}";
    }
}

/// <summary>
/// A string literal compiled into a managed assembly in a layer (or in the publish folder, layer
/// <see cref="LayerFileLocation.AppLayerToBuild"/>). <see cref="Source"/> is the line of code that wrote it, when found.
/// </summary>
internal sealed record AssemblyLocation(int LayerIndex, string Path, string Kind, string Member, SourceLocation? Source, string? Bundle = null) : ImageLocation
{
    public override string StableKey => "file:" + Path;

    /// <summary>The literal was read from the string data of a NativeAOT executable, not from metadata.</summary>
    public bool NativeAot { get; init; }

    public override string Describe()
    {
        var layer = LayerIndex == LayerFileLocation.AppLayerToBuild ? "the app layer" : $"layer {LayerIndex + 1}";
        var member = Member.Length > 0 ? $" of {Member}" : "";
        var inBundle = Bundle is null ? "" : $" inside the single-file bundle {Bundle}";
        var into = NativeAot ? "the NativeAOT executable " : "";
        return $"a {Kind}{member} compiled into {into}{Path}{inBundle} in {layer}";
    }
}

/// <summary>A whole layer, for a layer that could not be read (it is reported at the layer, not at a file).</summary>
internal sealed record LayerLocation(int LayerIndex, string Digest) : ImageLocation
{
    public override string StableKey => "layer:" + Digest;

    public override string Describe() => $"layer {LayerIndex + 1} ({Digest})";
}
