namespace SecretGuard.Findings;

/// <summary>
/// The sentences of diagnostics, in one place: what was found (redacted) and where, and how to fix it
/// (revoke and rotate, deliver at runtime), for the build (at a project's source) and the tool (in an
/// image), and the sentences of checks that could not run. Callers pass facts (the finding, the place,
/// names, counts, causes) and get the sentence. Summaries (counts, verdict lines) are in Reporting's Wording.
/// </summary>
internal static class Messages
{
    private const string Runtime = "deliver it at runtime as a mounted secret file or from a secret store, never in ENV or an image layer";
    private const string RuntimeFromImage = "deliver it at runtime as a mounted secret file or from a secret store, never in ENV, a label, an argument or an image layer";
    private const string FromCode = "remove it from the code and read it at runtime from configuration backed by a mounted secret file or a secret store";
    private const string LayerSecrets = "(pass build-time secrets with RUN --mount=type=secret, which never lands in a layer; deleting a file in a later layer does not remove it)";
    private const string NotChecked = "A credential in it would not have been seen, so the check fails closed. Stop shipping the file or replace it with one that reads; if you know it holds no credential, accept it with ";
    private const string NotCheckedEntry = "A credential in it would not have been seen, so the check fails closed. Shorten or remove the value; if you know it holds no credential, accept it with ";
    private const string SkipBaseImage = "set SecretGuardScanBaseImage=false to build without checking the base image";
    private const string OwnFault = " (a fault of SecretGuard's: please report it with this message)";

    // ----- Parts every finding's message shares -----

    /// <summary>"Title [redacted]" or "Title (label) [redacted]": what was found, never the secret itself.</summary>
    public static string What(Finding finding) =>
        finding.Label == finding.Title ? $"{finding.Title} [{finding.Redacted}]" : $"{finding.Title} ({finding.Label}) [{finding.Redacted}]";

    /// <summary>The revocation advice, with the rule's own hint when it has one.</summary>
    public static string Rotate(string rotationHint) => rotationHint.Length > 0
        ? $"Revoke and rotate it ({rotationHint}): it is compromised once built into an image"
        : "Revoke and rotate it: it is compromised once built into an image";

    /// <summary>Appended to a message when the file is in a documentation folder (a warning, not an error).</summary>
    public static string DocumentationNote(bool documentation) =>
        documentation ? " It is in a documentation folder, where it is most likely a published example: a warning; make sure it is not a real key." : "";

    /// <summary>The message with its fingerprint at the end, for suppressions.</summary>
    public static string WithFingerprint(string message, string fingerprint) => $"{message} (fingerprint {fingerprint})";

    private static string Cause(string cause) => cause.TrimEnd('.');

    // ----- A place SecretGuard could not read (SG0004) or a layer it could not read at all (SG0002, SG0003, SG0011) -----

    /// <summary>A place not fully checked (SG0004): why, and how to accept it (<paramref name="accept"/> is the suppression to write).</summary>
    /// <param name="where">"/app/x.zip in layer 3 of base image 'b'", "image 'i', /app/x.zip in layer 3".</param>
    /// <param name="configEntry">The place is an entry of the image config (ENV, label, argument, history), not a file.</param>
    public static string NotFullyChecked(string where, string reason, string accept, bool configEntry = false) =>
        $"SecretGuard could not fully check {where}: {Cause(reason)}. " + $"{(configEntry ? NotCheckedEntry : NotChecked)}{accept}.";

    /// <summary>The build's suppression item that accepts an unreadable place, by image path when it has one.</summary>
    public static string SuppressItem(string imagePath) => imagePath.Length > 0
        ? $"<SecretGuardSuppress Include=\"SG0004\" ImagePath=\"{imagePath}\" Justification=\"…\" />"
        : "<SecretGuardSuppress Include=\"SG0004\" Justification=\"…\" />";

    /// <summary>The tool's --suppress argument that accepts an unreadable place.</summary>
    public static string SuppressArgument(string? imagePath) => $"--suppress \"SG0004:{imagePath ?? "/path"}=why\"";

    /// <summary>A layer that could not be read at all: nothing in it was checked.</summary>
    /// <param name="inBuild">In the build the other layers' findings are still reported, and the base image check can be turned off.</param>
    public static string LayerNotRead(string where, string reason, bool inBuild) =>
        $"SecretGuard could not read {where}: {Cause(reason)}. Its files were not checked, so the image is not verified"
        + (inBuild ? $" (the other layers' findings are reported). Fix the cause, or {SkipBaseImage}." : ".");

    /// <summary>" of base image 'name'" for a place in a base image, else empty.</summary>
    public static string OfBaseImage(string? image) => image is null ? "" : $" of base image '{image}'";

    // ----- Findings at a project's source (the build) -----

    /// <summary>An ENV item of the project (ContainerEnvironmentVariable): how to deliver the value instead.</summary>
    public static string EnvironmentVariableFix(string name) =>
        $"remove the ContainerEnvironmentVariable and deliver it at runtime as a mounted secret file (e.g. {name}_FILE=/run/secrets/{name.ToLowerInvariant()}) or from a secret store, never in ENV or an image layer.";

    /// <summary>A label item of the project (ContainerLabel).</summary>
    public static string LabelFix() => $"labels are public metadata: remove the ContainerLabel and {Runtime}.";

    /// <summary>A config item the project defines: what, where, the fix and the properties the value came from.</summary>
    public static string InConfigItem(string what, string where, string rotate, string fix, string propertyNote) => $"{what} in {where}. {rotate}; {fix}{propertyNote}";

    /// <summary>A config value the project did not set: inherited from the base image.</summary>
    public static string InheritedFromBaseImage(string what, string where, string rotate, string baseImage) =>
        $"{what} in {where}, inherited from base image '{baseImage}'. {rotate}; choose or rebuild a base image without it, and {Runtime}.";

    /// <summary>A config value the SDK made from a project property.</summary>
    public static string GeneratedBySdk(string what, string where, string rotate) =>
        $"{what} in {where}, generated by the SDK from a project property. {rotate}; clear that property and {Runtime}.";

    /// <summary>Names the properties a value was built from, so the user knows where the secret really lives.</summary>
    public static string ValueFromProperties(IEnumerable<string> names) =>
        $" The value comes from $({string.Join("), $(", names)}): remove it wherever that property is set (a -p: argument, an environment variable or a props file).";

    /// <summary>A field of the config the SDK writes from a project property (User, WorkingDir), or one no source of the project is known for.</summary>
    public static string InConfigField(string what, string where, string rotate, string? property) => property is null
        ? $"{what} in {where}. {rotate}; {Runtime}."
        : $"{what} in {where}, written by the SDK from $({property}). {rotate}; clear that property and {Runtime}.";

    /// <summary>A container argument item.</summary>
    public static string InArgument(string what, string where, string rotate) =>
        $"{what} in {where}. {rotate}; remove it from the container arguments and {Runtime}.";

    /// <summary>A build step of the base image's history.</summary>
    public static string InBaseImageHistory(string what, string where, string rotate, string baseImage) =>
        $"{what} in {where} of base image '{baseImage}'. {rotate}; rebuild the base image passing secrets with build secrets (RUN --mount=type=secret), not ARG, ENV or URLs, or choose another base image.";

    /// <summary>A field of the base image's config (a health check, a volume, a field of no spec), whether or not the SDK copies it into the app's config.</summary>
    /// <summary>A base image config field the SDK does not write into the built image: a warning, the base image's own leak.</summary>
    public static string InBaseImageConfigNotShipped(string what, string where, string rotate, string baseImage) =>
        $"{what} in {where} of base image '{baseImage}', readable by anyone who can pull it; the SDK does not copy this field into your image. {rotate}; tell the base image's owner, and rebuild it without it in its config or choose another base image.";

    public static string InBaseImageConfig(string what, string where, string rotate, string baseImage) =>
        $"{what} in {where} of base image '{baseImage}', readable by anyone who can pull it. {rotate}; rebuild the base image without it in its config, or choose another base image.";

    /// <summary>A file of a base image layer, deleted in a later layer or not.</summary>
    public static string InBaseImageLayer(string what, string rotate, string where, int layerIndex, string baseImage, int? deletedInLayer)
    {
        var deleted = deletedInLayer is { } j
            ? $", deleted in layer {j + 1} but still recoverable from layer {layerIndex + 1} by anyone who pulls the image"
            : "";
        return $"{what} in {where} of base image '{baseImage}'{deleted}. {rotate}; rebuild the base image without it "
            + $"{LayerSecrets}, or choose another base image.";
    }

    /// <summary>A finding at no particular place of the project.</summary>
    public static string AtProject(string what, string rotate) => $"{what}. {rotate}; {Runtime}.";

    /// <summary>A published file of the project, mapped to its source or not.</summary>
    /// <param name="publishedFrom">The source file outside the project it was published from, if any.</param>
    public static string InPublishedFile(string what, string where, string rotate, string? publishedFrom = null) =>
        $"{what} in {where}{(publishedFrom is null ? "" : $", published from {publishedFrom}")}. {rotate}; remove it from the file and {Runtime} (user-secrets in development), or stop publishing the file.";

    /// <summary>A file a NuGet package put into the app.</summary>
    public static string InPackageFile(string what, string where, string packageId, string packageVersion) =>
        $"{what} in {where}, a file of NuGet package {packageId} {packageVersion}. It ships in your image: ask the package's authors to revoke and rotate it, and stop shipping that version (or exclude the file from publish) until it is fixed.";

    /// <summary>A literal compiled into one of the project's assemblies.</summary>
    public static string InAssembly(string what, string where, string rotate) =>
        $"{what} in {where}. {rotate}; {FromCode}; a compiled-in secret ships in every copy of the assembly.";

    /// <summary>A literal compiled into an assembly of a NuGet package.</summary>
    public static string InPackageAssembly(string what, string where, string packageId, string packageVersion) =>
        $"{what} in {where}, from NuGet package {packageId} {packageVersion}. It ships in your image: ask the package's authors to revoke and rotate it, and stop shipping that version until it is fixed.";

    // ----- Findings in an image (the tool) -----

    /// <summary>A finding in an image, at a place described for people (<paramref name="place"/>).</summary>
    public static string InImage(Finding finding, string image, string place, bool documentation)
    {
        var fix = finding.Location switch
        {
            EnvLocation => $"remove the ENV and {RuntimeFromImage}",
            LabelLocation => $"labels are public metadata: remove the label and {RuntimeFromImage}",
            ArgumentLocation => $"remove it from the command line and {RuntimeFromImage}",
            HistoryLocation or ConfigFieldLocation { IsHistory: true } => "rebuild the image passing secrets as build secrets (RUN --mount=type=secret), not ARG, ENV or URLs: every build step's command is in the image's history",
            ConfigFieldLocation => $"rebuild the image without it in its config and {RuntimeFromImage}",
            AssemblyLocation => FromCode,
            _ => $"rebuild the image without it {LayerSecrets}",
        };
        return $"{What(finding)} in image '{image}', {place}. {Rotate(finding.RotationHint)}; {fix}.{DocumentationNote(documentation)}";
    }

    /// <summary>Where in an image, for people: ENV X, LABEL k, Entrypoint argument 2, history step 7, /app/x.json line 3 in layer 4.</summary>
    public static string ImagePlace(ImageLocation location)
    {
        var deleted = location.Base?.DeletedInLayer is { } j ? $", deleted in layer {j + 1} but still recoverable by anyone who pulls the image" : "";
        return location switch
        {
            EnvLocation env => $"ENV {env.Name}",
            LabelLocation label => $"LABEL {label.Key}",
            ArgumentLocation arg => $"{arg.Field} argument {arg.Index + 1}",
            HistoryLocation history => $"history step {history.Index + 1}",
            ConfigFieldLocation field => $"config field {field.Place}",
            LayerFileLocation f => $"{f.Path}{(f.Line > 0 ? $" line {f.Line}" : "")}{(f.Bundle is null ? "" : $" inside the single-file bundle {f.Bundle}")} in layer {f.LayerIndex + 1}{deleted}",
            AssemblyLocation a => a.Describe() + deleted,
            LayerLocation layer => $"layer {layer.LayerIndex + 1} ({layer.Digest})",
            var other => other.Describe(),
        };
    }

    /// <summary>"image 'name', place": where the tool found something.</summary>
    public static string InImageAt(string image, string place) => $"image '{image}', {place}";

    /// <summary>A whole image (or listing) the tool could not read: not verified, never a pass.</summary>
    public static string ImageNotRead(string image, string cause) => $"SecretGuard could not check image '{image}': {Cause(cause)}. The image is not verified.";

    /// <summary>The tool's check of several images ran out of time.</summary>
    public static string ImagesNotFullyChecked(string cause) => $"SecretGuard could not fully check the images: {Cause(cause)}. They are not verified.";

    // ----- Checks of the build that could not run -----

    /// <summary>The image the SDK reported cannot be read (SG0001).</summary>
    public static string BuiltImageNotRead(string cause) => $"SecretGuard could not read the image the SDK reported: {Cause(cause)}. The image was not verified.";

    /// <summary>PublishContainer reported no image.</summary>
    public const string NoImage = "PublishContainer finished but SecretGuard found no image to check (no GeneratedContainer output). The image was not verified.";

    /// <summary>The check of the built image ran out of time.</summary>
    public static string BuiltImageNotFullyChecked(string cause) => $"SecretGuard could not fully check the image: {Cause(cause)}. The image was not verified.";

    /// <summary>The gate's check of the publish folder ran out of time.</summary>
    public static string PublishFolderNotFullyChecked(string cause) => $"SecretGuard could not fully check the publish folder: {Cause(cause)}. The image was not built.";

    /// <summary>The gate's check of the base image failed: it could not be read, or not fully checked.</summary>
    public static string BaseImageNotChecked(string name, string cause, bool fully) =>
        $"SecretGuard could not {(fully ? "fully " : "")}check the base image '{name}': {Cause(cause)}. The image was not built. Fix the cause, or {SkipBaseImage}.";

    /// <summary>SG0007: SecretGuard's own failure, named without a stack trace and never a pass. Messages of its own and of the BCL's I/O and parsing exceptions name causes, not content.</summary>
    /// <param name="what">"the image", "the images".</param>
    public static string InternalError(Exception ex, string what) =>
        $"SecretGuard failed while checking {what} ({ex.GetType().Name}: {ex.Message.TrimEnd('.')}). {char.ToUpperInvariant(what[0])}{what[1..]} {(what.EndsWith('s') ? "are" : "was")} not verified; please report this with the message.";

    // ----- Why a place or a layer was not read (the label of a not-checked finding) -----

    /// <summary>"the zip reader could not read it: cause".</summary>
    public static string ReaderFailed(string reader, string reason) => $"{reader} could not read it: {reason}";

    /// <summary>The cause of an exception nobody expected: SecretGuard's own fault.</summary>
    public static string OwnFaultCause(Exception ex, bool trim = false) => $"{ex.GetType().Name}: {(trim ? ex.Message.TrimEnd('.') : ex.Message)}{OwnFault}";

    /// <summary>A tar entry the layer's reader could not read.</summary>
    public static string TarEntryNotRead(string reason) => ReaderFailed("the layer's tar reader", Cause(reason));

    /// <summary>A tar entry of a type that has no data (a directory, a link, a type no reader knows) that declares some.</summary>
    public static string TarEntryDataNotRead(char typeFlag, long size) => $"a tar entry of type '{typeFlag}' carries {size} bytes of data, which are not read";

    /// <summary>A tar whose end-of-archive marker is followed by bytes that are not zero padding.</summary>
    public const string DataAfterTarEnd = "data after the tar's end-of-archive marker was not read";

    /// <summary>A link in the publish folder to a folder that holds the link (or one it cannot resolve): the SDK's copy of it never ends either.</summary>
    public const string PublishFolderLinkLoops = "it is a link to a folder that contains it (or a chain of links that cannot be resolved), so its files were not listed; the SDK cannot copy it into the app layer either";

    /// <summary>Links in the publish folder that lead to more files and folders than are listed.</summary>
    public static string PublishFolderLinksLeadTooFar(int max) =>
        $"the publish folder's links to other folders lead to more than {max:N0} files and folders, so the files of this folder were not listed";

    /// <summary>A gzip stream whose last member is followed by bytes that are not zero padding, where they cannot be read as a file.</summary>
    public const string DataAfterGzip = "data after the gzip stream's last member was not read";

    /// <summary>zstd skippable frames past what is kept of them (<c>ZstdFrames.MaxKeptBytes</c>).</summary>
    public static string ZstdSkippableNotRead(long bytes) =>
        $"{bytes} bytes of zstd skippable frames (data a decoder passes over) past the first 16 MB were not read";

    /// <summary>The place of a zstd skippable frame's data, read as a file of its own (it has no name).</summary>
    public static string ZstdSkippableFrame(int number) => $"(zstd skippable frame {number})";

    /// <summary>The place of the PAX records (comments, extended attributes, ...) of a tar entry at <paramref name="path"/>, read as a file of their own; "/" for those after the last entry.</summary>
    public static string PaxRecords(string path) => path == "/" ? "/(PAX records after the last entry)" : path + " (PAX records)";

    /// <summary>PAX records before one entry past what is kept of them (<c>TarStreamReader.MaxPaxHeaderBytes</c>).</summary>
    public static string PaxRecordsNotRead(long bytes) =>
        $"{bytes} bytes of PAX records (comments, extended attributes) past the first 1 MB before this entry were not read";

    /// <summary>The place of a gzip member's header field (extra field, original name, comment), read as a file of its own.</summary>
    public static string GzipHeaderField(int member, string field) => $"(gzip member {member} {field})";

    /// <summary>gzip header fields past what is kept of them (<c>GzipMembers.MaxHeaderBytes</c>).</summary>
    public static string GzipHeaderNotRead(long bytes) =>
        $"{bytes} bytes of gzip header fields (extra fields, names, comments: data a decompressor passes over) past the first 1 MB were not read";

    /// <summary>A compressed file or package in a format SecretGuard does not decompress ("xz", "rpm").</summary>
    public static string CompressedNotOpened(string format) => $"compressed content not opened ({format}): SecretGuard does not decompress {format}, and its compressed bytes hold no text to read";

    /// <summary>A zip entry named as a directory (ending in '/') that holds data.</summary>
    public static string ZipDirectoryDataNotRead(long size) => $"a zip directory entry carries {size} bytes of data, which are not read";

    /// <summary>A layer whose source failed while a file in it was read.</summary>
    public static string LayerSourceFailed(string digest, string cause) => $"layer {digest} failed while a file in it was read: {Cause(cause)}";

    /// <summary>A layer that cannot be read (its cause already worded).</summary>
    /// <summary>Why the verification after the build reads a base layer at all: the gate did not check it.</summary>
    public const string BaseLayerNotCheckedBefore =
        "The SDK built on this base image layer, which the check before the build did not read: the base image changed between the two (a tag that moved). Publish again, or pin ContainerBaseImage by digest";

    public static string LayerUnreadable(string digest, string cause) => $"layer {digest} cannot be read: {cause}";

    /// <summary>A layer the check did not get to read.</summary>
    public static string LayerNotReached(string digest) => $"layer {digest} was not read";

    /// <summary>The title of a place not fully checked (SG0004), in findings and in SARIF.</summary>
    public const string NotCheckedTitle = "Could not be fully checked";

    /// <summary>The title of a layer that could not be read at all.</summary>
    public const string LayerNotReadTitle = "Layer could not be read";

    /// <summary>A file that needs more memory or nesting than one file may use.</summary>
    public const string NeedsTooMuch = "it needs more memory or nesting than a file is allowed";

    /// <summary>The readers a not-checked finding names (with <see cref="Reader"/> for archives).</summary>
    public const string KeyStoreReader = "the key store reader", AssemblyReader = "the assembly reader", AppHostReader = "the app host reader",
        BinaryStringsReader = "the binary strings reader", PublishFolderReader = "the publish folder reader", BundleReader = "the single-file bundle reader";

    /// <summary>"the zip reader": the reader of a kind of file, named in its not-checked finding.</summary>
    public static string Reader(string kind) => $"the {kind} reader";

    /// <summary>A file past the size a reader reads it up to.</summary>
    /// <param name="readUpTo">"a key store is read", "a zip inside an image is opened".</param>
    public static string LargerThan(long megabytes, string readUpTo) => $"it is larger than the {megabytes} MB {readUpTo} up to";

    /// <summary>A .NET assembly past the size an assembly is read up to.</summary>
    public static string AssemblyTooLarge(long megabytes, long maxMegabytes) =>
        $"it is a .NET assembly of {megabytes} MB, larger than the {maxMegabytes} MB an assembly is read up to";

    /// <summary>An archive nested deeper than archives are opened.</summary>
    public static string NestedTooDeep(int depth, int maxDepth) => $"it is an archive nested {depth} levels deep, and archives are opened down to {maxDepth} levels";

    public static string ResourceNestedTooDeep(int depth, int maxDepth) => $"it is an assembly's embedded resource nested {depth} levels deep, and nested files are read down to {maxDepth} levels";

    /// <summary>An archive whose headers cannot be read.</summary>
    public static string ArchiveUnreadable(string archivePath, string cause) => $"{archivePath} is an archive that cannot be read ({Cause(cause)})";

    /// <summary>An archive some of whose entries cannot be read (the others were), naming the first.</summary>
    public static string ArchiveEntriesUnreadable(string archivePath, int count, string first) =>
        $"{archivePath} holds {(count == 1 ? "an entry" : $"{count} entries")} that cannot be read ({first}{(count == 1 ? "" : ", ...")})";

    /// <summary>"; entries from a/b on were not read" after a budget stopped an archive, or empty.</summary>
    public static string EntriesNotRead(string? entry) => entry is null ? "" : $"; entries from {entry} on were not read";

    /// <summary>A single-file bundle whose entries unpack past its budget: the files from <paramref name="entry"/> (1-based) on were not read, those before it were.</summary>
    /// <summary>A single-file bundle whose manifest breaks at an entry after others were read.</summary>
    public static string BundleManifestBrokenAt(int entry, int count, string cause) =>
        $"the single-file bundle's manifest cannot be read at entry {entry} of {count} ({Cause(cause)}), so its files from that entry on were not read";

    public static string BundleEntriesNotRead(long budgetMegabytes, int ratio, long allowanceMegabytes, int entry, int count, string path) =>
        $"the single-file bundle's entries unpack to more than {budgetMegabytes} MB ({ratio} times the bundle's size and {allowanceMegabytes} MB), "
        + $"so its files from entry {entry} of {count} ({path}) on were not read";

    /// <summary>" (at entry a/b)" after an archive's source failed, or empty.</summary>
    public static string AtEntry(string? entry) => entry is null ? "" : $" (at entry {entry})";

    /// <summary>What is nested in one file expands past its budget.</summary>
    public static string FileBudgetExceeded(long megabytes) => $"what is nested in it expands to more than {megabytes} MB (the budget of one file)";

    /// <summary>What is nested in one layer expands past its budget.</summary>
    public static string LayerBudgetExceeded(long megabytes, string archivePath) =>
        $"the archives and compressed files of its layer expand to more than {megabytes} MB together (the budget of one layer), so {archivePath} was not read past that point";

    // ----- Reports: the same credential in several places, and the rules in SARIF -----

    /// <summary>Inserts a note before the fingerprint, which stays last in the message, where suppressions and scripts look for it.</summary>
    public static string InsertBeforeFingerprint(string message, string note)
    {
        var at = message.LastIndexOf(" (fingerprint ", StringComparison.Ordinal);
        return at < 0 ? message + note : message[..at] + note + message[at..];
    }

    /// <summary>The note on a finding whose credential is in other places too.</summary>
    /// <param name="named">The first other places, worded ("ENV X at a.csproj").</param>
    /// <param name="unnamed">How many more places were not named.</param>
    public static string AlsoAt(int others, IEnumerable<string> named, int unnamed) =>
        $" The same credential is also in {(others == 1 ? "1 other place" : $"{others} other places")}: {string.Join("; ", named)}{(unnamed > 0 ? $"; and {unnamed} more" : "")}. Remove it from each.";

    /// <summary>A SARIF related location: another place of the same credential.</summary>
    public static string SameCredentialIn(string place, string fingerprint) => WithFingerprint($"The same credential in {place}", fingerprint);

    /// <summary>A SARIF rule's full description.</summary>
    public static string RuleDescription(string title) => $"{title}: a credential built into a container image.";

    /// <summary>A SARIF rule's help: revoke, rotate, deliver at runtime.</summary>
    public static string RuleHelp(string rotationHint) => $"{Rotate(rotationHint)}. Deliver it at runtime as a mounted secret file or from a secret store, never in ENV or an image layer.";

    /// <summary>The SARIF rule of places not fully checked (SG0004); its title is <see cref="NotCheckedTitle"/>.</summary>
    public const string NotCheckedRuleDescription = "A file or archive in the image that SecretGuard could not fully read (malformed, nested too deep, past a budget): a credential in it would not have been seen.";

    /// <inheritdoc cref="NotCheckedRuleDescription"/>
    public const string NotCheckedRuleHelp = "Stop shipping the file or replace it with one that reads; if it is known to hold no credential, accept it with a SecretGuardSuppress item for SG0004 with its ImagePath and a Justification.";

    /// <summary>An image config that does not follow the OCI image spec (read as JSON text and checked anyway).</summary>
    public static string IrregularConfig(string image, string field) =>
        $"The config of image '{image}' is not what the OCI image spec says: {field}. SecretGuard read the value as its JSON text and checked it; fix the tool that wrote the config.";

    // ----- Settings and acceptances (SG0008, SG0009, SG0010, SG0012) -----

    /// <summary>A true/false setting with another value.</summary>
    public static string NotABoolean(string name, string? value) => $"{name} must be 'true' or 'false', not '{value}'.";

    /// <summary>A minimum confidence that is neither high nor medium.</summary>
    public static string InvalidMinimumConfidence(string name, string? value) =>
        $"{name} must be 'high' (findings of medium confidence are warnings) or 'medium' (every finding fails the build), not '{value}'.";

    /// <summary>A maximum file size that is not a size.</summary>
    public static string InvalidMaxFileSize(string name, string? value) =>
        $"{name} must be a positive size such as 50MB, 512KB or 1GB (or a number of bytes), not '{value}'.";

    /// <summary>A time budget out of range.</summary>
    public static string InvalidTimeBudget(string name, double maxSeconds, string? value) =>
        $"{name} must be a number of seconds greater than 0 and at most {maxSeconds} (such as 120), not '{value}'.";

    /// <summary>A rule help address that is not absolute or has no {0}.</summary>
    public static string InvalidRuleHelpUri(string name, string? value) =>
        $"{name} must be an absolute http or https address with {{0}} where the rule id goes (such as https://wiki.example.com/secretguard/{{0}}), not '{value}'.";

    /// <summary>An acceptance whose Expires is not a date.</summary>
    public static string ExpiresNotADate(string include, string? expires) =>
        $"SecretGuardSuppress '{include}' has Expires=\"{expires}\", which is not a date: write the last day the acceptance holds as yyyy-MM-dd, such as 2027-01-31.";

    /// <summary>A baseline that cannot be read (<paramref name="cause"/> names the file and the problem).</summary>
    public static string BaselineUnreadable(string cause) => $"{cause}. Fix it, or write it anew with -p:SecretGuardUpdateBaseline=true.";

    /// <summary>A suppression without a reason.</summary>
    public static string NoJustification(string kind, string written) =>
        $"{kind} '{written}' has no {(kind == CommandLineAcceptance ? "reason (=WHY)" : "Justification")}: say why this finding is acceptable, so the next reader can tell.";

    /// <summary>An acceptance past its Expires date.</summary>
    public static string AcceptanceExpired(string kind, string written, string expiry) =>
        $"{kind} '{written}' expired on {expiry}: it no longer applies, and the finding it accepted is reported again. Remove the credential (revoke and rotate it), or renew the acceptance with a later Expires and a Justification.";

    /// <summary>An acceptance that matched nothing.</summary>
    /// <param name="where">"in this image", "in the images checked".</param>
    public static string AcceptanceStale(string kind, string written, string where) =>
        $"{kind} '{written}' matched nothing {where}: remove it, so that it cannot hide a new leak later.";

    /// <summary>The kinds of acceptance, as messages name them.</summary>
    public const string BaselineAcceptance = "Baseline entry", ItemAcceptance = "SecretGuardSuppress", CommandLineAcceptance = "--suppress";

    /// <summary>Why a finding is accepted by a SecretGuardSuppress item or the tool's --suppress, with its justification.</summary>
    public static string SuppressedBy(string kind, string written, string justification) =>
        $"suppressed by {kind} '{written}'" + (justification.Length > 0 ? $": {justification}" : "");

    /// <summary>Why a finding is accepted by the baseline: its file, and the entry's line when known.</summary>
    public static string AcceptedByBaseline(string baselinePath, int line) =>
        $"accepted by the baseline {Path.GetFileName(baselinePath)}" + (line > 0 ? $", line {line}" : "");
}
