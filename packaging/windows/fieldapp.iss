; Inno Setup script: a per-user installer for Windows, no administrator rights.
; Built by .github/workflows/package.yml after tools/package.py made dist\fieldapp\:
;   iscc /DAppVersion=0.2.0 packaging\windows\fieldapp.iss
; The app goes to %LOCALAPPDATA%\Programs\fieldapp (the user's own folder: updates can
; replace it without elevation); the data (platformdirs: %LOCALAPPDATA%\fieldapp) is
; elsewhere and stays on uninstall unless the user ticks the box to remove it.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{6F1C8A52-3B0E-4C1F-9A57-F1E1DA7A0C01}
AppName=fieldapp
AppVersion={#AppVersion}
AppPublisher=fieldapp
DefaultDirName={localappdata}\Programs\fieldapp
DisableDirPage=yes
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
OutputDir=..\..\dist
OutputBaseFilename=fieldapp-{#AppVersion}-windows-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\fieldapp.exe
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "zh"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Files]
Source: "..\..\dist\fieldapp\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\fieldapp"; Filename: "{app}\fieldapp.exe"
Name: "{userdesktop}\fieldapp"; Filename: "{app}\fieldapp.exe"

[Run]
Filename: "{app}\fieldapp.exe"; Description: "{cm:LaunchProgram,fieldapp}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; An update's leftovers (updater.apply keeps the replaced folder until the next start).
Type: filesandordirs; Name: "{app}.previous"

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and
     (MsgBox('Also delete fieldapp''s data on this computer (shops, visits not yet synced, photos, backups)?'
             + #13#10 + '同时删除这台电脑上的 fieldapp 数据（门店、未同步的拜访、照片、备份）？',
             mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES) then
    DelTree(ExpandConstant('{localappdata}\fieldapp'), True, True, True);
end;
