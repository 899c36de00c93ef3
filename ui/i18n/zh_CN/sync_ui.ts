<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../sync_ui.py" line="631" />
        <source>Log in to head office</source>
        <extracomment>Login succeeded: the server's user object.</extracomment>
        <translation>登录总部</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="633" />
        <source>Log in once so this computer can sync with head office.</source>
        <translation>登录一次，这台电脑就能与总部同步。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="637" />
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="638" />
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="639" />
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="641" />
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="665" />
        <source>Enter the address head office gave you, starting with https://</source>
        <translation>请输入总部提供的地址，以 https:// 开头</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="672" />
        <source>Enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="678" />
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="713" />
        <source>The server cannot be reached. Check the address and the network.</source>
        <translation>连不上服务器。请检查地址和网络。</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../sync_ui.py" line="256" />
        <source>Sync now</source>
        <extracomment>The state changed: "idle", "syncing", "ok", "offline", "error", "login", "no_server". While syncing: stage ("photos", "push", "pull", "verify"), done, total (-1: unknown). A sync finished successfully (the report). The device's data was wiped (revoked device); the app should quit.</extracomment>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="408" />
        <source>This computer was removed</source>
        <translation>这台电脑已被移除</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="411" />
        <source>The app will close after the data is deleted.</source>
        <translation>数据删除后程序将关闭。</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <location filename="../../sync_ui.py" line="479" />
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="481" />
        <source>Synced</source>
        <translation>已同步</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="483" />
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="485" />
        <source>Log in to sync</source>
        <translation>请登录后同步</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="487" />
        <source>Not connected to head office</source>
        <translation>未连接总部</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="489" />
        <source>Sync problem</source>
        <translation>同步出错</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="490" />
        <source>Ready to sync</source>
        <translation>可以同步</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="507" />
        <source>Waiting to sync: %1</source>
        <translation>待同步：%1</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="512" />
        <source>Last sync: %1</source>
        <translation>上次同步：%1</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="516" />
        <source>Never synced</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="527" />
        <source>Sending photos</source>
        <translation>正在发送照片</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="528" />
        <source>Sending changes</source>
        <translation>正在发送修改</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="529" />
        <source>Receiving changes</source>
        <translation>正在接收更新</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="530" />
        <source>Checking</source>
        <translation>正在核对</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="542" />
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="544" />
        <source>Stop syncing; what was sent or received so far is kept</source>
        <translation>停止同步；已发送或已接收的内容会保留</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="548" />
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
</context>
<context>
    <name>SyncWords</name>
    <message>
        <location filename="../../sync_ui.py" line="87" />
        <source>Head office has removed this computer from your account. The data on it will be deleted.</source>
        <extracomment>AuthError codes after which logging in again helps.</extracomment>
        <translation>总部已把这台电脑从你的账号中移除。电脑上的数据将被删除。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="93" />
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="94" />
        <source>Please log in again.</source>
        <translation>请重新登录。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="96" />
        <source>Offline: the server cannot be reached. Your changes are kept on this computer and will sync later.</source>
        <translation>离线：连不上服务器。你的修改保存在本机，之后会同步。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="102" />
        <source>The server has a problem right now. Sync will try again later.</source>
        <translation>服务器暂时出了问题，稍后会自动重试同步。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="106" />
        <source>This app does not match the server's version. Please update it.</source>
        <translation>本程序版本与服务器不匹配，请更新程序。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="111" />
        <source>This computer is already registered to another user.</source>
        <translation>这台电脑已登记给另一个用户。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="114" />
        <source>The server refused the request.</source>
        <translation>服务器拒绝了请求。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="116" />
        <source>The server's answer could not be understood. Nothing was changed.</source>
        <translation>无法理解服务器的回复，没有做任何修改。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="120" />
        <source>Sync was stopped.</source>
        <translation>同步已停止。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="122" />
        <source>Sync failed. Your changes are kept on this computer.</source>
        <translation>同步失败。你的修改保存在本机。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="125" />
        <source>Sync failed because of an unexpected error. Nothing you saved is lost.</source>
        <translation>同步因意外错误失败。已保存的内容没有丢失。</translation>
    </message>
</context>
</TS>