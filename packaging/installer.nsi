; 先锋台账's Windows installer (NSIS 3, `makensis`; runs on Linux too).
;   makensis -DVERSION=0.1.0 -DPAYLOAD=dist\先锋台账 -DOUTDIR=dist [-DICON=build\icon\xianfeng.ico] packaging\installer.nsi
; Per user, no administrator rights (township PCs are often locked down): installs under
; %LOCALAPPDATA%\Programs\先锋台账. The data (database, backups, logs) lives in
; %LOCALAPPDATA%\xianfeng\xianfeng-desk, apart from the program, so an upgrade or an uninstall
; never touches it.
Unicode true
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "makensis -DVERSION=x.y.z (from pyproject.toml, see packaging/build-windows.ps1)"
!endif
!ifndef PAYLOAD
  !error "makensis -DPAYLOAD=<the built folder 先锋台账>"
!endif
!ifndef OUTDIR
  !define OUTDIR "."
!endif

!define PRODUCT "先锋台账"
!define EXE "xianfeng.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\xianfeng-desk"
!define DATA_DIR "$LOCALAPPDATA\xianfeng\xianfeng-desk"

!include "MUI2.nsh"
!include "WinVer.nsh"
!include "x64.nsh"
!include "LogicLib.nsh"

Name "${PRODUCT} ${VERSION}"
OutFile "${OUTDIR}\${PRODUCT}-安装程序-${VERSION}.exe"
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${PRODUCT} ${VERSION}"
!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=2052 "FileDescription" "${PRODUCT} 安装程序"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "CompanyName" "${PRODUCT}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "${PRODUCT}"

!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "将把 ${PRODUCT} ${VERSION} 安装到本机（只为当前用户安装，不需要管理员权限）。$\r$\n$\r$\n已有的台账数据（数据库、备份）不会被改动：升级安装后照常使用。$\r$\n$\r$\n需要 Windows 10 或 Windows 11（64 位）。"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "现在打开${PRODUCT}"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
  ${IfNot} ${AtLeastWin10}
    MessageBox MB_ICONSTOP|MB_OK "${PRODUCT} 需要 Windows 10 或 Windows 11（64 位），不能安装在这台电脑的 Windows 版本上。" /SD IDOK
    Abort
  ${EndIf}
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP|MB_OK "${PRODUCT} 只能安装在 64 位的 Windows 10 或 Windows 11 上，这台电脑是 32 位系统。" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
FunctionEnd

Section "${PRODUCT}" main
  SetShellVarContext current
  ; An upgrade: the old program's files go first (a file the new version no longer has must not
  ; linger), the data folder is elsewhere and stays; a portable 数据 folder here stays too.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE}"
  SetOutPath "$INSTDIR"
  File /r "${PAYLOAD}\*.*"
  WriteUninstaller "$INSTDIR\卸载先锋台账.exe"
  CreateDirectory "$SMPROGRAMS\${PRODUCT}"
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\${PRODUCT}.lnk" "$INSTDIR\${EXE}"
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\卸载先锋台账.lnk" "$INSTDIR\卸载先锋台账.exe"
  CreateShortcut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\${EXE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${EXE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\卸载先锋台账.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\卸载先锋台账.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  SetRegView 64
  ; Only what the installer put here: the data folder and a portable 数据 folder stay.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\卸载先锋台账.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}\${PRODUCT}.lnk"
  Delete "$SMPROGRAMS\${PRODUCT}\卸载先锋台账.lnk"
  RMDir "$SMPROGRAMS\${PRODUCT}"
  Delete "$DESKTOP\${PRODUCT}.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  MessageBox MB_ICONINFORMATION|MB_OK "${PRODUCT} 已卸载。$\r$\n$\r$\n台账数据（数据库、备份和日志）没有删除，仍在：$\r$\n${DATA_DIR}$\r$\n$\r$\n重新安装后会继续使用这些数据；确实不再需要时，可以自己删除这个文件夹（请先确认已另外备份）。" /SD IDOK
SectionEnd
