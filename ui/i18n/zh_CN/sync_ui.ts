<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../sync_ui.py" line="573" />
        <source>Log in to head office</source>
        <extracomment>Login succeeded: the server's user object.</extracomment>
        <translation>登录总部</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="575" />
        <source>Log in once so this computer can sync with head office.</source>
        <translation>登录一次，这台电脑就能与总部同步。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="579" />
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="580" />
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="581" />
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="583" />
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="607" />
        <source>Enter the address head office gave you, starting with https://</source>
        <translation>请输入总部提供的地址，以 https:// 开头</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="614" />
        <source>Enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="620" />
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="655" />
        <source>The server cannot be reached. Check the address and the network.</source>
        <translation>连不上服务器。请检查地址和网络。</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../sync_ui.py" line="253" />
        <source>Sync now</source>
        <extracomment>The state changed: "idle", "syncing", "ok", "offline", "error", "login", "no_server". A sync finished successfully (the report). The device's data was wiped (revoked device); the app should quit.</extracomment>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="393" />
        <source>This computer was removed</source>
        <translation>这台电脑已被移除</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="396" />
        <source>The app will close after the data is deleted.</source>
        <translation>数据删除后程序将关闭。</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <location filename="../../sync_ui.py" line="448" />
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="450" />
        <source>Synced</source>
        <translation>已同步</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="452" />
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="454" />
        <source>Log in to sync</source>
        <translation>请登录后同步</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="456" />
        <source>Not connected to head office</source>
        <translation>未连接总部</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="458" />
        <source>Sync problem</source>
        <translation>同步出错</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="459" />
        <source>Ready to sync</source>
        <translation>可以同步</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="476" />
        <source>Waiting to sync: %1</source>
        <translation>待同步：%1</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="481" />
        <source>Last sync: %1</source>
        <translation>上次同步：%1</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="485" />
        <source>Never synced</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="490" />
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
</context>
<context>
    <name>SyncWords</name>
    <message>
        <location filename="../../sync_ui.py" line="86" />
        <source>Head office has removed this computer from your account. The data on it will be deleted.</source>
        <extracomment>AuthError codes after which logging in again helps.</extracomment>
        <translation>总部已把这台电脑从你的账号中移除。电脑上的数据将被删除。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="92" />
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="93" />
        <source>Please log in again.</source>
        <translation>请重新登录。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="95" />
        <source>Offline: the server cannot be reached. Your changes are kept on this computer and will sync later.</source>
        <translation>离线：连不上服务器。你的修改保存在本机，之后会同步。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="101" />
        <source>The server has a problem right now. Sync will try again later.</source>
        <translation>服务器暂时出了问题，稍后会自动重试同步。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="105" />
        <source>This app does not match the server's version. Please update it.</source>
        <translation>本程序版本与服务器不匹配，请更新程序。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="110" />
        <source>This computer is already registered to another user.</source>
        <translation>这台电脑已登记给另一个用户。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="113" />
        <source>The server refused the request.</source>
        <translation>服务器拒绝了请求。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="115" />
        <source>The server's answer could not be understood. Nothing was changed.</source>
        <translation>无法理解服务器的回复，没有做任何修改。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="119" />
        <source>Sync was stopped.</source>
        <translation>同步已停止。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="121" />
        <source>Sync failed. Your changes are kept on this computer.</source>
        <translation>同步失败。你的修改保存在本机。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="124" />
        <source>Sync failed because of an unexpected error. Nothing you saved is lost.</source>
        <translation>同步因意外错误失败。已保存的内容没有丢失。</translation>
    </message>
</context>
</TS>