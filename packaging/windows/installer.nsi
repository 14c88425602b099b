; The Windows installer (NSIS 3, Debian's nsis package): per user, no administrator rights, into
; %LOCALAPPDATA%\Programs\ReceptionConsole, with a Start-menu entry and an uninstaller that leaves the
; centre databases in place. Built by scripts/windows/package, which passes:
;   /DVERSION=0.1.0 /DSTAGE=<folder with the files> /DICON=<.ico> /DOUTFILE=<setup .exe>
Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user

!define APP "Reception Console"
!define KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\ReceptionConsole"

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\ReceptionConsole"
Icon "${ICON}"
UninstallIcon "${ICON}"
ShowInstDetails show
ShowUninstDetails show

VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${APP}"
VIAddVersionKey "FileDescription" "${APP} installer"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "LegalCopyright" "Reception Console project"

Page directory
Page instfiles
UninstPage uninstConfirm
UninstPage instfiles

Section "Install"
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File /r "${STAGE}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\reception-console.exe" "" "$INSTDIR\reception-console.exe" 0
  ; Listed in Settings > Apps for this user only (HKCU: no administrator rights).
  WriteRegStr HKCU "${KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${KEY}" "Publisher" "Reception Console project"
  WriteRegStr HKCU "${KEY}" "DisplayIcon" "$INSTDIR\reception-console.exe"
  WriteRegStr HKCU "${KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${APP}.lnk"
  RMDir /r "$INSTDIR\fonts"
  RMDir /r "$INSTDIR\procedures"
  RMDir /r "$INSTDIR\docs"
  RMDir /r "$INSTDIR\licences"
  Delete "$INSTDIR\reception-console.exe"
  Delete "$INSTDIR\README.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${KEY}"
  ; The centre databases, backups, settings and logs are the centre's records: never removed here.
  DetailPrint "The centre databases, backups, settings and logs were left in $LOCALAPPDATA\ReceptionConsole."
  DetailPrint "Delete that folder yourself only when the records are no longer needed."
  IfSilent +2
  MessageBox MB_OK|MB_ICONINFORMATION "${APP} was removed.$\r$\n$\r$\nThe centre databases, backups, settings and logs were left in:$\r$\n$LOCALAPPDATA\ReceptionConsole$\r$\n$\r$\nDelete that folder yourself only when the records are no longer needed (check your retention rules first)."
SectionEnd
